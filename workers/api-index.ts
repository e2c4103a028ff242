/** Sozialindex workspace calls (issue 3). */
export const indexApi = {};
