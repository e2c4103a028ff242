/** Segregation and spatial-pattern workspace calls (issue 4). */
export const spatialApi = {};
