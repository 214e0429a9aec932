namespace Sluice.Sql.Ast;

/// <summary>A <c>'key'='value'</c> pair of TBLPROPERTIES, SERDEPROPERTIES or DBPROPERTIES, decoded, in written order.</summary>
public sealed record SqlProperty(string Key, string Value);
