module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The only source restriction for node packages is `__dirname`, which breaks in bundled production
    // builds. The sandbox is never bundled: bin/ loads src/ through Backstage's transform, so
    // `__dirname` is exactly where its seeds, modules and config live.
    'no-restricted-syntax': 'off',
  },
});
