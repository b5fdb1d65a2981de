/** The <option>s of a select over a fixed list of values, each with its label. */
export function Options<V extends string | number>(props: {
  values: readonly V[];
  label: (value: V) => string;
}) {
  return (
    <>
      {props.values.map((value) => (
        <option key={value} value={value}>
          {props.label(value)}
        </option>
      ))}
    </>
  );
}
