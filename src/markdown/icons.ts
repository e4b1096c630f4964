import type { Element, ElementContent } from 'hast';

/**
 * Icons drawn inline as SVG, so a page makes no request for them and they take the text colour
 * (`currentColor`) in light and dark themes. Paths on a 24×24 grid, stroked, 1.8 wide.
 */
const paths = {
  note: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M12 11v5.5', 'M12 7.6v.2'],
  tip: ['M9.5 18h5', 'M10.5 21h3', 'M12 3a6 6 0 0 0-3.6 10.8c.7.6 1.1 1.4 1.1 2.2h5c0-.8.4-1.6 1.1-2.2A6 6 0 0 0 12 3z'],
  important: ['M4 4.5h16v11.5H10l-6 4.5z', 'M12 7.5v4.5', 'M12 14.2v.2'],
  warning: ['M12 3.5 2.5 20h19z', 'M12 10v4.5', 'M12 17v.2'],
  caution: ['M8.3 3h7.4L21 8.3v7.4L15.7 21H8.3L3 15.7V8.3z', 'M12 7.5v5.5', 'M12 16v.2'],
  success: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M8 12.5l2.8 2.8L16.2 9.5'],
  question: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M9.4 9.6a2.6 2.6 0 1 1 3.6 2.4c-.6.3-1 .9-1 1.6v.6', 'M12 16.8v.2'],
  quote: ['M5 18c2.5-1 4-3.2 4-6.5V6H4.5v5.5H9', 'M15 18c2.5-1 4-3.2 4-6.5V6h-4.5v5.5H19'],
  bookmark: ['M6.5 3.5h11v17L12 16.5l-5.5 4z'],
} as const;

export type IconName = keyof typeof paths;

/** An icon as a hast element; decorative, hidden from screen readers (the text beside it says it). */
export function icon(name: IconName, className: string): Element {
  return {
    type: 'element',
    tagName: 'svg',
    properties: {
      className: [className],
      viewBox: '0 0 24 24',
      width: 20,
      height: 20,
      fill: 'none',
      stroke: 'currentColor',
      strokeWidth: '1.8',
      strokeLinecap: 'round',
      strokeLinejoin: 'round',
      ariaHidden: 'true',
      focusable: 'false',
    },
    children: paths[name].map((d): ElementContent => ({ type: 'element', tagName: 'path', properties: { d }, children: [] })),
  };
}
