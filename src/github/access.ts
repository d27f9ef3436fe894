/** How the page reaches GitHub now (from Settings). */
export interface GitHubAccess {
  /** '' when none. */
  token: string;
  apiURL: string;
  /** '' for none. */
  corsProxy: string;
  author?: { name: string; email: string };
}
