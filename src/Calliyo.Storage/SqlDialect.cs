using System.Data.Common;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Calliyo.Storage;

/// <summary>
/// The few places where PostgreSQL and SQLite differ for the same schema: how ids, times,
/// booleans and JSON are bound and read back.
/// </summary>
internal abstract class SqlDialect
{
    public abstract object Id(Guid id);

    public abstract object Time(DateTimeOffset time);

    public abstract object Bool(bool value);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    public abstract void AddJson(DbCommand command, string name, string json);

    /// <summary>A WHERE clause that is true when the JSON tag array contains the parameter's tag, ignoring case.</summary>
    public abstract string TagFilter(string parameter);

    /// <summary>The SQL that reads a text parameter as JSON.</summary>
    public abstract string JsonParameter(string parameter);

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}

internal sealed class PostgreSqlDialect : SqlDialect
{
    public override object Id(Guid id) => id;

    public override object Time(DateTimeOffset time) => time.UtcDateTime;

    public override object Bool(bool value) => value;

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    public override void AddJson(DbCommand command, string name, string json) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json });

    public override string TagFilter(string parameter) =>
        $"EXISTS (SELECT 1 FROM jsonb_array_elements_text(tags) AS t(tag) WHERE lower(t.tag) = lower(@{parameter}))";

    public override string JsonParameter(string parameter) => $"@{parameter}::jsonb";
}

internal sealed class SqliteDialect : SqlDialect
{
    public override object Id(Guid id) => id.ToString("D");

    public override object Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    public override object Bool(bool value) => value ? 1 : 0;

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void AddJson(DbCommand command, string name, string json) => Add(command, name, json);

    public override string TagFilter(string parameter) =>
        $"EXISTS (SELECT 1 FROM json_each(tags) WHERE lower(json_each.value) = lower(@{parameter}))";

    public override string JsonParameter(string parameter) => $"@{parameter}";
}
