/** The shape a translation must have to match the zh-CN original: same keys, strings for strings. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : T[K] extends readonly string[] ? string[] : Shape<T[K]> };
