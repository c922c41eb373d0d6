/**
 * The compare view's cap (no DOM here, so that tests can read it): every option is a sizing run on
 * the page's thread, so the page compares at most this many at a time (the CLI's cap is
 * COMPARE_LIMITS.options, 5,000). A larger cross is refused before anything is sized.
 */
export const PAGE_MAX_OPTIONS = 1_000;
