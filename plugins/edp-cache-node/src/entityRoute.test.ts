import { ENTITY_ROUTE_PATH, entityRouteRef } from './entityRoute';

describe('entityRouteRef', () => {
  it('reads the entity an ENTITY_ROUTE_PATH route names', () => {
    expect(ENTITY_ROUTE_PATH).toBe('/entity/:kind/:namespace/:name');
    expect(
      entityRouteRef({
        params: { kind: 'component', namespace: 'default', name: 'web-shop' },
      }),
    ).toEqual({ kind: 'component', namespace: 'default', name: 'web-shop' });
  });
});
