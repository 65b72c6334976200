// One per region: a panel that throws shows what failed and a way to try again, and the rest of the
// page keeps working.
import { Component, type ReactNode } from 'react';

interface Props { name: string; children: ReactNode }
interface State { error: Error | null }

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error): void {
    console.error(`The ${this.props.name} panel failed:`, error);
  }

  render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="panel-error" role="alert">
        <p><strong>The {this.props.name} panel stopped working.</strong> The rest of the lab is unaffected.</p>
        <p className="muted">{this.state.error.message}</p>
        <button type="button" className="btn" onClick={() => this.setState({ error: null })}>Show {this.props.name} again</button>
      </div>
    );
  }
}
