// Builds request URLs: path templates filled, query values serialized the contract's way.

/** Query values as the contract takes them; arrays are sent comma-separated (style form, explode false). */
export type QueryValue = string | number | boolean | ReadonlyArray<string | number | boolean> | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/**
 * Fills `{name}` placeholders from `params`. Values are percent-encoded, except commas, which batch GETs use to
 * separate ids (/invoices/1,2,3; FACTS.md "Batch GET").
 */
export function fillPathTemplate(template: string, params: Record<string, string | number> | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === '') {
      throw new TypeError(`Path parameter '${name}' of ${template} is missing; pass it in options.path.${name}`);
    }
    return encodeURIComponent(String(value)).replace(/%2C/gi, ',');
  });
}

/** The query string (with '?') or '' when no value is set; undefined and null values are left out. */
export function buildQueryString(query: QueryParams | undefined): string {
  if (query === undefined) return '';
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.append(name, value.join(','));
    } else {
      search.append(name, String(value));
    }
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** Joins the base URL (any trailing slash dropped) with a path starting with '/'. */
export function joinUrl(baseUrl: string, path: string, query?: QueryParams): string {
  const base = baseUrl.replace(/\/+$/, '');
  const rest = path.startsWith('/') ? path : `/${path}`;
  return `${base}${rest}${buildQueryString(query)}`;
}
