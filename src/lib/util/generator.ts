import pkg from '../../../package.json';

/** Name and version written into project files, reports and exports. */
export const GENERATOR = `Sozialraum-Werkbank ${pkg.version}`;
