import type { Strings } from './index';

export const app: Strings = {
  de: {
    'app.title': 'Sozialraum-Werkbank',
  },
  en: {
    'app.title': 'Social Area Workbench',
  },
};
