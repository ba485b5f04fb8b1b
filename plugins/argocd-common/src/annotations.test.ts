import type { Entity } from '@backstage/catalog-model';
import { isArgocdAvailable, splitAnnotationList } from './annotations';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'c', annotations },
});

describe('isArgocdAvailable', () => {
  it('is true for an app name or a selector, false otherwise', () => {
    expect(isArgocdAvailable(entity({ 'argocd/app-name': 'web' }))).toBe(true);
    expect(isArgocdAvailable(entity({ 'argocd/app-selector': 'a=b' }))).toBe(
      true,
    );
    expect(isArgocdAvailable(entity({ 'argocd/app-name': '  ' }))).toBe(false);
    expect(isArgocdAvailable(entity({ 'argocd/project-name': 'p' }))).toBe(
      false,
    );
  });
});

describe('splitAnnotationList', () => {
  it('keeps the order and drops blanks', () => {
    expect(splitAnnotationList(' gamma, alpha,,beta ')).toEqual([
      'gamma',
      'alpha',
      'beta',
    ]);
    expect(splitAnnotationList(undefined)).toEqual([]);
  });
});
