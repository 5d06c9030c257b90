import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", ".data/**", "reports/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through server/config.ts only." },
      ],
    },
  },
  {
    // the workspace's one browser script (served as is, no build step)
    files: ["server/web/assets/*.js"],
    languageOptions: { globals: { document: "readonly", window: "readonly", EventSource: "readonly" } },
  },
  {
    files: [
      "server/config.ts",
      "tests/**",
      "scripts/**",
      "bench/**",
      "drills/**",
      "vitest.config.ts",
      "**/*.test.ts",
    ],
    rules: { "no-restricted-properties": "off" },
  },
);
