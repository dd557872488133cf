namespace Calliyo.Storage.Migrations;

/// <summary>One schema change: its version (the number that starts the file name), its name and its SQL.</summary>
public sealed record Migration(int Version, string Name, string Sql);
