/** Problems of a whole row or section that no single input carries. */
export function RowErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul className="field-error" style={{ margin: 0, paddingLeft: "1.1rem" }}>
      {messages.map((message, index) => (
        <li key={index}>{message}</li>
      ))}
    </ul>
  );
}
