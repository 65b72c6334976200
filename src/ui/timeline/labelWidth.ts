// The drawn width of a step label (11 px, semi-bold, in the page's font), measured with a canvas so
// labels are placed by what they really take on this machine's fonts, not by a guess per character.
let context: CanvasRenderingContext2D | null | undefined;

export function labelWidth(text: string): number {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  // Without a canvas (never in a browser), a generous guess per character.
  if (!context) return text.length * 7.5;
  const family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'sans-serif';
  context.font = `600 11px ${family}`;
  return Math.ceil(context.measureText(text).width) + 2;
}
