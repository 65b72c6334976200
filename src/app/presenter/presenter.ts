// Presenter mode: larger type for a projector, the presenter keys, and their legend on screen.
// The `presenter` class on <html> scales the type; it is not saved, a trainer turns it on per session.
import { create } from 'zustand';

export const usePresenter = create<{ on: boolean }>()(() => ({ on: false }));

export function setPresenter(on: boolean, root: HTMLElement = document.documentElement): void {
  usePresenter.setState({ on });
  root.classList.toggle('presenter', on);
}
