import { Button, ErrorState } from "@quire/ui";
import { Component, type ReactNode } from "react";

interface Props {
  /** When it changes (navigation), a failed boundary tries again. */
  resetKey: string;
  onReset: () => void;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Keeps one broken or missing remote from taking the page down: shows a fallback with a retry. Errors are
 * reported by the root's onCaughtError (main.tsx); this only swaps in the fallback.
 */
export class RemoteBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.retry();
  }

  retry = (): void => {
    this.props.onReset();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <ErrorState
        headingLevel={1}
        title="This part of the site is unavailable right now"
        message="The rest of Quire still works. Try again in a moment."
        action={<Button onClick={this.retry}>Retry</Button>}
      />
    );
  }
}
