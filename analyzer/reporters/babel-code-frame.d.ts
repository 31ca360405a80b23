// @babel/code-frame ships no types and @types/babel__code-frame is not installed; this declares
// the one function the pretty reporter calls, as documented at https://babeljs.io/docs/babel-code-frame.
declare module '@babel/code-frame' {
  export interface SourcePosition {
    line: number;
    column?: number;
  }
  export interface CodeFrameOptions {
    highlightCode?: boolean;
    forceColor?: boolean;
    linesAbove?: number;
    linesBelow?: number;
    message?: string;
  }
  export function codeFrameColumns(
    rawLines: string,
    location: { start: SourcePosition; end?: SourcePosition },
    options?: CodeFrameOptions,
  ): string;
}
