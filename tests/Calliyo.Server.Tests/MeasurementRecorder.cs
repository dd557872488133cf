using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Calliyo.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Calliyo.Server.Tests;

/// <summary>
/// Records what Calliyo's instruments of one in-memory server report, through a
/// <see cref="MeterListener"/>. Only meters made by that server's <see cref="IMeterFactory"/>
/// are heard, so servers of other test classes running at the same time do not leak in.
/// </summary>
internal sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    public MeasurementRecorder(IServiceProvider services)
    {
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CalliyoTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<RecordedMeasurement> All => [.. _measurements];

    /// <summary>Returns the measurements of <paramref name="instrument"/> that carry every tag in <paramref name="tags"/>.</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string instrument, params (string Name, string Value)[] tags) =>
        [.. _measurements.Where(m => m.Instrument == instrument && tags.All(tag => m.Tags.TryGetValue(tag.Name, out var value) && Equals(value, tag.Value)))];

    /// <summary>Returns the sum of the values that <see cref="Of"/> returns; for counters, the increase while recording.</summary>
    public double Sum(string instrument, params (string Name, string Value)[] tags) => Of(instrument, tags).Sum(m => m.Value);

    /// <summary>Asks observable instruments for their current values now, and returns what they reported.</summary>
    public IReadOnlyList<RecordedMeasurement> Observe(string instrument)
    {
        var before = _measurements.Count;
        _listener.RecordObservableInstruments();
        return [.. _measurements.Skip(before).Where(m => m.Instrument == instrument)];
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue(new RecordedMeasurement(instrument.Name, instrument.Unit, value, copy));
    }
}

/// <summary>One value reported by an instrument, with its unit and attributes.</summary>
internal sealed record RecordedMeasurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags);
