import { graphql } from "./graphql";

interface IntrospectedType {
  kind: string;
  name: string | null;
  ofType?: IntrospectedType | null;
}
interface IntrospectedField {
  name: string;
  args: Array<{ type: IntrospectedType }>;
  type: IntrospectedType;
}

const TYPE_REF = "kind name ofType { kind name ofType { kind name ofType { kind name } } }";

/**
 * A query of a root field that takes no required arguments, selecting every field without required arguments
 * two levels deep, from the BFF's own schema; null when the field does not exist (yet).
 */
export async function selectAll(
  graphqlUrl: string,
  rootField: string,
  token?: string,
): Promise<string | null> {
  const typeOf = async (name: string) =>
    (
      await graphql<{ __type: { fields: IntrospectedField[] | null } | null }>(
        graphqlUrl,
        `query ($name: String!) { __type(name: $name) { fields { name args { type { ${TYPE_REF} } } type { ${TYPE_REF} } } } }`,
        { name },
        token,
      )
    ).__type?.fields ?? [];
  const named = (t: IntrospectedType): IntrospectedType => (t.ofType ? named(t.ofType) : t);
  const callable = (f: IntrospectedField) => f.args.every((a) => a.type.kind !== "NON_NULL");
  const root = (await typeOf("Query")).find((f) => f.name === rootField);
  if (!root || !callable(root)) return null;
  const selection = async (t: IntrospectedType, depth: number): Promise<string> => {
    const base = named(t);
    if (base.kind !== "OBJECT" || !base.name) return "";
    const fields = (await typeOf(base.name)).filter(callable);
    const parts: string[] = [];
    for (const f of fields) {
      const inner = named(f.type);
      if (inner.kind === "OBJECT") {
        if (depth <= 0) continue;
        const sub = await selection(f.type, depth - 1);
        if (sub) parts.push(`${f.name} ${sub}`);
      } else parts.push(f.name);
    }
    return parts.length ? `{ ${parts.join(" ")} }` : "";
  };
  return `query Bench_${rootField} { ${rootField} ${await selection(root.type, 2)} }`;
}
