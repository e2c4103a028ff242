/** Plain-map calls beyond the choropleth (issue 13): the year comparison. */
import { valueChange, type ChangeRequest } from '../src/lib/engine/change';
import { transferTyped, withEngine } from './core';

export const mapApi = {
  async valueChange(req: ChangeRequest) {
    return withEngine((e) => {
      const r = valueChange(e, req);
      return transferTyped({ ...r, classOf: r.classes.classOf });
    });
  },
};
