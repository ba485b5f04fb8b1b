import { ConfigReader } from '@backstage/config';
import { readArgoCDInstances } from './config';

const read = (argocd: object) =>
  readArgoCDInstances(new ConfigReader({ argocd }));

describe('readArgoCDInstances', () => {
  it('reads token and username/password instances with UI URL and timeout defaults', () => {
    const instances = read({
      appLocatorMethods: [
        {
          type: 'config',
          instances: [
            {
              name: 'alpha',
              url: 'http://a:1/',
              username: 'admin',
              password: 'p',
            },
            {
              name: 'beta',
              url: 'http://b:2',
              uiUrl: 'https://ui.b',
              token: 't',
              timeoutMs: 3000,
            },
          ],
        },
      ],
    });
    expect(instances).toMatchObject([
      {
        name: 'alpha',
        url: 'http://a:1',
        uiUrl: 'http://a:1',
        timeoutMs: 10000,
        auth: { type: 'session' },
      },
      {
        name: 'beta',
        uiUrl: 'https://ui.b',
        timeoutMs: 3000,
        auth: { type: 'token', token: 't' },
      },
    ]);
  });

  it('uses the shared argocd.username/password of the Roadie format', () => {
    const [alpha] = read({
      username: 'u',
      password: 'p',
      appLocatorMethods: [
        { type: 'config', instances: [{ name: 'alpha', url: 'http://a' }] },
      ],
    });
    expect(alpha.auth).toEqual({
      type: 'session',
      username: 'u',
      password: 'p',
    });
  });

  it('never defaults credentials: an instance without them is an error naming the keys', () => {
    expect(() =>
      read({
        appLocatorMethods: [
          { type: 'config', instances: [{ name: 'alpha', url: 'http://a' }] },
        ],
      }),
    ).toThrow(
      'ArgoCD instance "alpha" has no credentials: set argocd.appLocatorMethods[0].instances[0].token, or argocd.appLocatorMethods[0].instances[0].username and argocd.appLocatorMethods[0].instances[0].password',
    );
  });

  it('rejects bad URLs and duplicate names', () => {
    expect(() =>
      read({
        appLocatorMethods: [
          {
            type: 'config',
            instances: [{ name: 'a', url: 'argocd', token: 't' }],
          },
        ],
      }),
    ).toThrow(/instances\[0\]\.url must be an http\(s\) URL/);
    expect(() =>
      read({
        appLocatorMethods: [
          {
            type: 'config',
            instances: [
              { name: 'a', url: 'http://a', token: 't' },
              { name: 'a', url: 'http://b', token: 't' },
            ],
          },
        ],
      }),
    ).toThrow(/used by two instances/);
  });
});
