// Allure 3 configuration for `npm run report:allure`: one self-contained HTML file in allure-report/,
// built offline from allure-results/ (scripts/allure-offline.ts then strips the analytics tag).
import { defineConfig } from "allure";

export default defineConfig({
  name: "ekyc-conformance",
  output: "./allure-report",
  plugins: {
    awesome: {
      options: {
        singleFile: true,
        reportLanguage: "en",
      },
    },
  },
});
