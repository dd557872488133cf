using Calliyo.Benchmarks;
using Calliyo.Benchmarks.Baselines;

// The benchmark starts each baseline as a child process of this same program, so that the
// baselines, like the server, do not share a process, a thread pool or a GC with the load.
if (args is [BaselineHost.Command, ..])
{
    return await BaselineHost.RunAsync(args[1..]);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

return await BenchmarkRunner.RunAsync(options);
