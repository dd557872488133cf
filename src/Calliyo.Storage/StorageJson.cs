using System.Text.Json.Serialization;

namespace Calliyo.Storage;

/// <summary>Source-generated JSON for the values Calliyo stores as JSON text, such as tag lists.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StorageJson : JsonSerializerContext;
