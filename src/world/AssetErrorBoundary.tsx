import { Component, type ReactNode } from 'react';

interface Props {
  /** Names what failed to load, for the console. */
  what: string;
  /** Called once when it fails (e.g. to forget a cached failed load). */
  onError?: (error: unknown) => void;
  children: ReactNode;
}

/**
 * Keeps a failed asset (a missing or broken room model) from taking down the whole 3D view:
 * the rest of the tour (narration, subtitles, quiz) goes on without it.
 */
export class AssetErrorBoundary extends Component<Props, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  componentDidCatch(error: unknown): void {
    console.warn(`RedTour: ${this.props.what} could not be shown:`, error);
    this.props.onError?.(error);
  }

  render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
