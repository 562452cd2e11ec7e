/** The hazard markers of the risk map (also drawn in its legend): a purple "!" for a hazard, a red flag for a 重大隐患. */
const HAZARD = `<svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true"><circle cx="11" cy="11" r="9" fill="#fff" stroke="#722ed1" stroke-width="3"/><rect x="9.6" y="5.2" width="2.8" height="7.6" rx="1.2" fill="#722ed1"/><circle cx="11" cy="15.8" r="1.7" fill="#722ed1"/></svg>`;
const MAJOR = `<svg width="28" height="32" viewBox="0 0 28 32" aria-hidden="true"><rect x="4" y="2" width="3" height="29" rx="1.2" fill="#262626" stroke="#fff" stroke-width="1"/><path d="M7 3 L26 8.5 L7 15 Z" fill="#cf1322" stroke="#fff" stroke-width="1.5" stroke-linejoin="round"/><circle cx="5.5" cy="30" r="2.2" fill="#262626" stroke="#fff"/></svg>`;

/** Static markup (no tenant data in it). */
export function hazardIconHtml(major: boolean): string {
  return major ? MAJOR : HAZARD;
}
