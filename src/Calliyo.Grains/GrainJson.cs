using System.Text.Json.Serialization;
using Calliyo.Grains.Contracts;

namespace Calliyo.Grains;

/// <summary>Source-generated JSON for values the grains store as text, such as the first answer to a platform lead id.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(WebhookResult))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class GrainJson : JsonSerializerContext;
