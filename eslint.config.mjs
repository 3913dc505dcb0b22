import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import chaiFriendly from 'eslint-plugin-chai-friendly';

/** Chai assertions that are methods: `expect(f).to.throw` without `()` asserts nothing. */
const CHAI_METHODS = [
  'throw',
  'throws',
  'Throw',
  'equal',
  'equals',
  'eq',
  'eql',
  'eqls',
  'include',
  'includes',
  'contain',
  'contains',
  'match',
  'matches',
  'members',
  'keys',
  'key',
  'property',
  'ownProperty',
  'lengthOf',
  'instanceOf',
  'instanceof',
  'above',
  'below',
  'least',
  'most',
  'within',
  'closeTo',
  'approximately',
  'oneOf',
  'satisfy',
  'satisfies',
  'string',
  'rejectedWith',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/', 'screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  wc.configs['flat/recommended'],
  lit.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.mjs', 'src/relay/**', 'demo/*.mjs', 'bench/**', 'test/node/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['test/**'],
    languageOptions: { globals: { ...globals.mocha } },
    plugins: { 'chai-friendly': chaiFriendly },
    rules: {
      // `expect(x).to.be.true` is an assertion; any other unused expression is a mistake.
      '@typescript-eslint/no-unused-expressions': 'off',
      'chai-friendly/no-unused-expressions': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: `ExpressionStatement > MemberExpression[property.name=/^(${CHAI_METHODS.join('|')})$/]`,
          message: 'This chai assertion is a method: call it, or it asserts nothing.',
        },
      ],
    },
  },
);
