// Offline rendering of an EventBridge InputTransformer (InputPathsMap + InputTemplate), following the
// EventBridge user guide: `<name>` is replaced by the value at the variable's JSON path; inside quotes a
// string is inserted escaped, unquoted an object or array is inserted as JSON. Only the dotted-path
// subset of JSONPath that the guard's templates use is supported.

type Json = Record<string, unknown>;

function valueAt(event: Json, path: string): unknown {
  if (!path.startsWith('$')) throw new Error(`unsupported JSON path ${path}`);
  return path
    .slice(1)
    .split('.')
    .filter(Boolean)
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined),
      event,
    );
}

export interface InputTransformer {
  readonly InputPathsMap?: Record<string, string>;
  readonly InputTemplate: string;
}

/** Whether position `at` of a JSON text is inside a string literal. */
function insideString(text: string, at: number): boolean {
  let inside = false;
  for (let i = 0; i < at; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}

/** The text EventBridge would deliver to the target for this event. */
export function renderInput(
  transformer: InputTransformer,
  event: Json,
  predefined: Record<string, string> = {},
): string {
  const values: Record<string, unknown> = { ...predefined };
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {}))
    values[name] = valueAt(event, path);
  const template = transformer.InputTemplate;
  return template.replace(/<([\w.-]+)>/g, (whole, name: string, at: number) => {
    if (!(name in values)) return whole;
    const json = JSON.stringify(values[name] ?? null);
    if (!insideString(template, at)) return json;
    // Inside a string: the value's text, escaped so the result stays valid JSON.
    return typeof values[name] === 'string' ? json.slice(1, -1) : JSON.stringify(json).slice(1, -1);
  });
}
