export const Badge = ({ label }: { label: string }) => <span className="badge">{label}</span>;
