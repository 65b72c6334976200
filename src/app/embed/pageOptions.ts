// The URL options this page was opened with, and the problems found with them (the banner shows those).
// Problems found later, such as a lesson id the lab does not know, are added here too.
import { create } from 'zustand';
import { parseUrlOptions, type UrlOptions } from './urlOptions';

export interface PageOptionsStore { options: UrlOptions; problems: string[] }

export const usePageOptions = create<PageOptionsStore>()(() => {
  const options = parseUrlOptions(globalThis.location?.search ?? '');
  return { options, problems: options.problems };
});

export function reportProblem(text: string): void {
  usePageOptions.setState((s) => ({ problems: [...s.problems, text] }));
}

export function dismissProblems(): void {
  usePageOptions.setState({ problems: [] });
}
