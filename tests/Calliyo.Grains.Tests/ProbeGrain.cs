using Calliyo.Grains.Hosting;

namespace Calliyo.Grains.Tests;

/// <summary>A grain with persistent state, used to check our ADO.NET persistence schema against the provider.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task SetAsync(string value);

    Task<string?> GetAsync();

    Task ClearAsync();

    Task DeactivateAsync();
}

[GenerateSerializer, Alias("calliyo.tests.probe-state")]
public sealed class ProbeState
{
    [Id(0)] public string? Value { get; set; }
}

public sealed class ProbeGrain(
    [PersistentState("probe", CalliyoSiloBuilderExtensions.StateStorage)] IPersistentState<ProbeState> state)
    : Grain, IProbeGrain
{
    public async Task SetAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string?> GetAsync() => Task.FromResult(state.State.Value);

    public Task ClearAsync() => state.ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
