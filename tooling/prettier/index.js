/** One formatting setup for the whole workspace. */
export default {
  printWidth: 100,
  singleQuote: true,
  trailingComma: "all",
  semi: true,
};
