namespace Calliyo.Testing;

/// <summary>Paths of test fixtures copied next to the test assembly.</summary>
public static class TestFiles
{
    public static string Fixture(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "fixtures", .. parts]);
}
