// @babel/code-frame ships no types and @types/babel__code-frame is not installed; this declares
// the one function the pretty reporter calls: `highlight`, the syntax highlighter that
// @babel/highlight became when it was merged into @babel/code-frame (7.25). It always colours.
declare module '@babel/code-frame' {
  export function highlight(code: string): string;
}
