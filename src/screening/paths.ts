/** `/screening/…`: a group-screening window on the presenter's laptop, not a member's own tour. */
export const isScreeningPath = (path: string): boolean => /^\/screening(\/|$)/.test(path);
