using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Calliyo.Server.Hosting;
using Orleans.Hosting.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace Calliyo.Server.Tests;

/// <summary>
/// The files under <c>deploy/</c> cannot run here (no container engine), so these tests check
/// what can be checked without one: every YAML file parses, every referenced file exists, ports
/// agree across services, and every setting passed to a silo is one the server reads.
/// </summary>
public sealed partial class DeployTests
{
    private static readonly string Deploy = RepositoryFiles.Path("deploy");
    private static readonly string Compose = Path.Combine(Deploy, "compose");
    private static readonly string Kubernetes = Path.Combine(Deploy, "kubernetes");
    private static readonly string[] Silos = ["silo1", "silo2", "silo3"];

    [Fact]
    public void Yaml_EveryDeployFile_Parses()
    {
        var files = Directory.GetFiles(Deploy, "*.y*ml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(RepositoryFiles.Path("dashboards"), "*.y*ml"))
            .ToList();

        Assert.True(files.Count >= 14, $"Found only {files.Count} YAML files.");
        foreach (var file in files)
        {
            var documents = LoadDocuments(file);
            Assert.True(documents.Count > 0, $"{file} has no YAML document.");
        }
    }

    [Fact]
    public void Compose_Services_BuildFromExistingPaths()
    {
        var services = ComposeServices();

        Assert.Equal(["grafana", "load-balancer", "otel-collector", "postgres", "prometheus", "silo1", "silo2", "silo3"], services.Keys.Order());
        foreach (var silo in Silos)
        {
            var context = Path.GetFullPath(Path.Combine(Compose, Text(services[silo], "build", "context")!));
            Assert.Equal(RepositoryFiles.Root, context.TrimEnd(Path.DirectorySeparatorChar));
            Assert.True(File.Exists(Path.Combine(context, Text(services[silo], "build", "dockerfile")!)), $"{silo}: the Dockerfile is missing.");
            Assert.Equal("calliyo-capture:local", Text(services[silo], "image"));
        }
    }

    [Fact]
    public void Compose_MountedFiles_Exist()
    {
        var mounts = ComposeServices().SelectMany(service => Mounts(service.Value)).ToList();

        Assert.NotEmpty(mounts);
        foreach (var (source, _) in mounts.Where(mount => mount.Source.StartsWith('.')))
        {
            var path = Path.GetFullPath(Path.Combine(Compose, source));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"compose.yaml mounts {source}, which does not exist.");
        }
    }

    [Fact]
    public void Compose_Observability_PointsAtMountedFiles()
    {
        var services = ComposeServices();
        var grafanaMounts = Mounts(services["grafana"]).ToDictionary(mount => mount.Source, mount => mount.Target);
        var prometheusMounts = Mounts(services["prometheus"]).ToDictionary(mount => mount.Source, mount => mount.Target);
        var provider = (YamlMappingNode)((YamlSequenceNode)LoadMapping(Path.Combine(Compose, "grafana", "provisioning", "dashboards", "calliyo.yaml"))["providers"]).Children[0];
        var ruleFiles = (YamlSequenceNode)LoadMapping(Path.Combine(Compose, "prometheus.yml"))["rule_files"];
        var datasource = (YamlMappingNode)((YamlSequenceNode)LoadMapping(Path.Combine(Compose, "grafana", "provisioning", "datasources", "prometheus.yaml"))["datasources"]).Children[0];

        Assert.Equal(grafanaMounts["../../dashboards"], Text(provider, "options", "path"));
        Assert.Equal(prometheusMounts["../../dashboards/alerts.yml"], ((YamlScalarNode)ruleFiles.Children.Single()).Value);
        Assert.Equal("prometheus", Text(datasource, "type"));
        Assert.Equal("http://prometheus:9090", Text(datasource, "url"));
    }

    [Fact]
    public void Compose_SiloSettings_AreReadByTheServer()
    {
        var services = ComposeServices();
        var known = KnownVariables();

        foreach (var silo in Silos)
        {
            var environment = Environment(services[silo]);
            Assert.All(environment.Keys, name => Assert.True(IsReadByServer(name, known), $"{silo} sets {name}, which the server does not read."));
            Assert.Equal("PostgreSql", environment["Storage__Provider"]);
        }

        Assert.Single(Silos.Select(silo => Environment(services[silo])["Orleans__ClusterId"]).Distinct());
        Assert.Single(Silos.Select(silo => Environment(services[silo])["ConnectionStrings__Calliyo"]).Distinct());
        Assert.Single(Silos.Select(silo => Environment(services[silo])["Orleans__SiloPort"]).Distinct());
    }

    [Fact]
    public void Compose_Ports_AgreeAcrossServices()
    {
        var services = ComposeServices();
        var httpPort = UrlPort(DockerfileEnvironment()["Urls"]);
        var nginx = File.ReadAllText(Path.Combine(Compose, "nginx.conf"));
        var upstreams = NginxUpstream().Matches(nginx).Select(match => match.Groups["target"].Value).ToList();
        var targets = ((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)LoadMapping(Path.Combine(Compose, "prometheus.yml"))["scrape_configs"]).Children[0])["static_configs"]).Children[0])["targets"])
            .Select(node => ((YamlScalarNode)node).Value!).ToList();
        var collectorGrpc = Text(LoadMapping(Path.Combine(Compose, "otel-collector.yaml")), "receivers", "otlp", "protocols", "grpc", "endpoint")!;

        Assert.Equal(Silos.Select(silo => $"{silo}:{httpPort}"), upstreams);
        Assert.Equal(Silos.Select(silo => $"{silo}:{httpPort}"), targets);
        foreach (var silo in Silos)
        {
            var endpoint = new Uri(Environment(services[silo])["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            Assert.True(services.ContainsKey(endpoint.Host), $"{silo} exports to {endpoint.Host}, which is not a compose service.");
            Assert.Equal(collectorGrpc.Split(':')[^1], endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Compose_Variables_AreInEnvExample()
    {
        var compose = File.ReadAllText(Path.Combine(Compose, "compose.yaml"));
        var example = File.ReadAllLines(Path.Combine(Compose, ".env.example"))
            .Where(line => line.Contains('=', StringComparison.Ordinal) && !line.TrimStart().StartsWith('#'))
            .Select(line => line[..line.IndexOf('=', StringComparison.Ordinal)].Trim())
            .ToHashSet(StringComparer.Ordinal);
        var used = ComposeVariable().Matches(compose).Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.Contains(name, example));
    }

    [Fact]
    public void Dockerfile_CopiesExistingPaths()
    {
        var copies = DockerfileLines("COPY").Where(arguments => !arguments.StartsWith("--from", StringComparison.Ordinal)).ToList();
        var sources = copies.SelectMany(arguments => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(File.Exists(RepositoryFiles.Path(source)) || Directory.Exists(RepositoryFiles.Path(source)),
            $"deploy/Dockerfile copies {source}, which does not exist in the repository."));

        // The restore layer needs the project file of every project the server builds from.
        foreach (var project in ServerProjects())
        {
            Assert.Contains(Path.GetRelativePath(RepositoryFiles.Root, project).Replace('\\', '/'), sources);
        }
    }

    [Fact]
    public void Dockerfile_Runtime_IsNonRootWithHealthCheck()
    {
        var environment = DockerfileEnvironment();
        var exposed = DockerfileLines("EXPOSE").SelectMany(ports => ports.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var known = KnownVariables();

        Assert.Equal("$APP_UID", DockerfileLines("USER").Last());
        Assert.Contains("/health/live", Assert.Single(DockerfileLines("HEALTHCHECK")), StringComparison.Ordinal);
        Assert.Contains(UrlPort(environment["Urls"]), exposed);
        Assert.Contains(environment["Orleans__SiloPort"], exposed);
        Assert.Contains(environment["Orleans__GatewayPort"], exposed);
        Assert.All(environment.Keys, name => Assert.True(IsReadByServer(name, known), $"deploy/Dockerfile sets {name}, which the server does not read."));
    }

    [Fact]
    public void Kubernetes_Kustomization_ListsEveryManifest()
    {
        var resources = ((YamlSequenceNode)LoadMapping(Path.Combine(Kubernetes, "kustomization.yaml"))["resources"])
            .Select(node => ((YamlScalarNode)node).Value!).ToList();
        var manifests = Directory.GetFiles(Kubernetes, "*.yaml").Select(Path.GetFileName)
            .Where(name => name is not "kustomization.yaml" and not "secret.example.yaml");

        Assert.All(resources, resource => Assert.True(File.Exists(Path.Combine(Kubernetes, resource)), $"kustomization.yaml lists {resource}, which does not exist."));
        Assert.Equal(manifests.Order(), resources.Order());
    }

    [Fact]
    public void Kubernetes_Deployment_MatchesServerSettings()
    {
        var config = Mapping(Resource("ConfigMap"), "data");
        var secret = Mapping(LoadDocuments(Path.Combine(Kubernetes, "secret.example.yaml")).Single(), "stringData");
        var pod = Mapping(Resource("Deployment"), "spec", "template");
        var container = (YamlMappingNode)((YamlSequenceNode)Mapping(pod, "spec")["containers"]).Children.Single();
        var ports = ((YamlSequenceNode)container["ports"]).Cast<YamlMappingNode>().ToDictionary(port => Text(port, "name")!, port => Text(port, "containerPort")!);
        var known = KnownVariables();
        var names = config.Children.Keys.Concat(secret.Children.Keys).Concat(((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().Select(env => env["name"]))
            .Select(node => ((YamlScalarNode)node).Value!).ToList();

        Assert.All(names, name => Assert.True(IsReadByServer(name, known), $"The Deployment sets {name}, which the server does not read."));
        Assert.Equal(UrlPort(Text(config, "Urls")!), ports["http"]);
        Assert.Equal(Text(config, "Orleans__SiloPort"), ports["silo"]);
        Assert.Equal(Text(config, "Orleans__GatewayPort"), ports["gateway"]);
        Assert.Equal("PostgreSql", Text(config, "Storage__Provider"));
        Assert.Equal("true", Text(config, "Orleans__Kubernetes"));
        Assert.Contains("ConnectionStrings__Calliyo", secret.Children.Keys.Select(key => ((YamlScalarNode)key).Value));
        Assert.Contains("Calliyo__BootstrapToken", secret.Children.Keys.Select(key => ((YamlScalarNode)key).Value));
        Assert.Equal(OrleansHosting.ServiceId, Text(pod, "metadata", "labels", KubernetesHostingOptions.ServiceIdLabel));
        Assert.Equal(Text(config, "Orleans__ClusterId"), Text(pod, "metadata", "labels", KubernetesHostingOptions.ClusterIdLabel));
        Assert.Equal("/health/ready", Text(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/health/live", Text(container, "livenessProbe", "httpGet", "path"));
        Assert.All(new[] { "readinessProbe", "livenessProbe", "startupProbe" }, probe => Assert.Contains(Text(container, probe, "httpGet", "port")!, ports.Keys));
        Assert.NotNull(Text(container, "resources", "requests", "cpu"));
        Assert.NotNull(Text(container, "resources", "requests", "memory"));
    }

    [Fact]
    public void Kubernetes_Stop_OutlastsTheShutdownTimeout()
    {
        var pod = Mapping(Resource("Deployment"), "spec", "template", "spec");
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Children.Single();
        var grace = int.Parse(Text(pod, "terminationGracePeriodSeconds")!, System.Globalization.CultureInfo.InvariantCulture);
        var preStop = int.Parse(Text(container, "lifecycle", "preStop", "sleep", "seconds")!, System.Globalization.CultureInfo.InvariantCulture);

        // The generic host's default shutdown timeout, which Calliyo does not change.
        var shutdownTimeout = (int)new Microsoft.Extensions.Hosting.HostOptions().ShutdownTimeout.TotalSeconds;
        Assert.True(grace > preStop + shutdownTimeout, $"terminationGracePeriodSeconds {grace} must exceed the preStop pause {preStop} s plus the {shutdownTimeout} s shutdown timeout.");
    }

    [Fact]
    public void Kubernetes_Selectors_MatchThePodLabels()
    {
        var pod = Mapping(Resource("Deployment"), "spec", "template");
        var labels = Mapping(pod, "metadata", "labels").Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!);
        var serviceAccount = Text(Resource("ServiceAccount"), "metadata", "name");
        var rule = (YamlMappingNode)((YamlSequenceNode)Resource("Role")["rules"]).Children.Single();
        var containerPorts = ((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)Mapping(pod, "spec")["containers"]).Children.Single())["ports"])
            .Cast<YamlMappingNode>().Select(port => Text(port, "name")).ToList();

        foreach (var (kind, path) in new[] { ("Deployment", new[] { "spec", "selector", "matchLabels" }), ("Service", new[] { "spec", "selector" }), ("PodDisruptionBudget", new[] { "spec", "selector", "matchLabels" }) })
        {
            var selector = Mapping(Resource(kind), path);
            Assert.All(selector.Children, pair => Assert.Equal(((YamlScalarNode)pair.Value).Value, labels.GetValueOrDefault(((YamlScalarNode)pair.Key).Value!)));
        }

        Assert.Equal(serviceAccount, Text(pod, "spec", "serviceAccountName"));
        Assert.Equal(["get", "list", "patch", "watch"], ((YamlSequenceNode)rule["verbs"]).Select(verb => ((YamlScalarNode)verb).Value).Order());
        Assert.Contains(Text((YamlMappingNode)((YamlSequenceNode)Mapping(Resource("Service"), "spec")["ports"]).Children.Single(), "targetPort"), containerPorts);
    }

    [Fact]
    public async Task ProbePaths_OnARealServer_Answer200()
    {
        var container = (YamlMappingNode)((YamlSequenceNode)Mapping(Resource("Deployment"), "spec", "template", "spec")["containers"]).Children.Single();
        var paths = new[] { "readinessProbe", "livenessProbe", "startupProbe" }.Select(probe => Text(container, probe, "httpGet", "path")!)
            .Append(ProbePath().Match(DockerfileLines("HEALTHCHECK").Single()).Value)
            .Distinct()
            .ToList();
        var backend = new SqliteBackend();
        await using var server = new CalliyoServerFactory(backend.Settings);
        using var client = server.CreateClient(token: null);

        Assert.Equal(["/health/live", "/health/ready"], paths.Order());
        foreach (var path in paths)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }

        await backend.DisposeAsync();
    }

    [Fact]
    public void KnownVariables_ComeFromOptionsAndReadme()
    {
        var known = KnownVariables();

        Assert.Contains("Storage__Provider", known);
        Assert.Contains("Orleans__SiloPort", known);
        Assert.Contains("Orleans__Dashboard__Enabled", known);
        Assert.Contains("Telemetry__TraceSampleRatio", known);
        Assert.DoesNotContain("Orleans__SiloPorts", known);
        Assert.False(IsReadByServer("Storage__Provder", known));
    }

    /// <summary>
    /// Returns the environment variables the server reads: every property of Calliyo's options
    /// classes (found by their <c>SectionName</c>), the connection string, the OpenTelemetry
    /// variables the README documents, and the pod variables of Orleans' Kubernetes integration.
    /// </summary>
    private static HashSet<string> KnownVariables()
    {
        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "Urls",
            "ConnectionStrings__Calliyo",
            KubernetesHostingOptions.PodNameEnvironmentVariable,
            KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
            KubernetesHostingOptions.PodIPEnvironmentVariable,
        };

        Assembly[] assemblies = [typeof(Program).Assembly, typeof(Calliyo.Storage.StorageOptions).Assembly, typeof(Calliyo.Grains.Telemetry.CalliyoTelemetry).Assembly];
        foreach (var type in assemblies.SelectMany(assembly => assembly.GetTypes()))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is not string section)
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                known.Add($"{section.Replace(":", "__", StringComparison.Ordinal)}__{property.Name}");
            }
        }

        var readme = File.ReadAllText(RepositoryFiles.Path("README.md"));
        known.UnionWith(OtelVariable().Matches(readme).Select(match => match.Value));
        return known;
    }

    /// <summary>Logging is configured by the framework's own <c>Logging__</c> keys, which take any category.</summary>
    private static bool IsReadByServer(string name, HashSet<string> known) =>
        known.Contains(name) || name.StartsWith("Logging__", StringComparison.Ordinal);

    private static IEnumerable<string> ServerProjects()
    {
        var pending = new Queue<string>([RepositoryFiles.Path("src", "Calliyo.Server", "Calliyo.Server.csproj")]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var project))
        {
            if (!seen.Add(project))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                pending.Enqueue(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Attribute("Include")!.Value)));
            }
        }

        return seen;
    }

    private static Dictionary<string, YamlMappingNode> ComposeServices() =>
        ((YamlMappingNode)LoadMapping(Path.Combine(Compose, "compose.yaml"))["services"]).Children
            .ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => (YamlMappingNode)pair.Value);

    private static Dictionary<string, string> Environment(YamlMappingNode service) =>
        ((YamlMappingNode)service["environment"]).Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!);

    private static IEnumerable<(string Source, string Target)> Mounts(YamlMappingNode service)
    {
        if (!service.Children.TryGetValue("volumes", out var volumes))
        {
            yield break;
        }

        foreach (var volume in ((YamlSequenceNode)volumes).Cast<YamlScalarNode>())
        {
            var parts = volume.Value!.Split(':');
            yield return (parts[0], parts[1]);
        }
    }

    private static YamlMappingNode Resource(string kind) =>
        Directory.GetFiles(Kubernetes, "*.yaml").Where(file => !file.EndsWith("secret.example.yaml", StringComparison.Ordinal))
            .SelectMany(LoadDocuments)
            .Single(document => Text(document, "kind") == kind);

    private static List<string> DockerfileLines(string instruction)
    {
        // Joins continuation lines, then returns the arguments of every line with the instruction.
        var text = File.ReadAllText(Path.Combine(Deploy, "Dockerfile")).Replace("\\\n", " ", StringComparison.Ordinal);
        return text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith(instruction + " ", StringComparison.Ordinal))
            .Select(line => Regex.Replace(line[(instruction.Length + 1)..], @"\s+", " ").Trim())
            .ToList();
    }

    private static Dictionary<string, string> DockerfileEnvironment() =>
        DockerfileLines("ENV").SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    private static string UrlPort(string urls) => new Uri(urls.Split(';')[0].Replace("+", "localhost", StringComparison.Ordinal)).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<YamlMappingNode> LoadDocuments(string path)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(path);
        yaml.Load(reader);
        return [.. yaml.Documents.Select(document => (YamlMappingNode)document.RootNode)];
    }

    private static YamlMappingNode LoadMapping(string path) => LoadDocuments(path).Single();

    private static YamlMappingNode Mapping(YamlMappingNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => (YamlMappingNode)current[key]);

    private static string? Text(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(key, out var next))
            {
                return null;
            }

            current = next;
        }

        return (current as YamlScalarNode)?.Value;
    }

    [GeneratedRegex(@"server\s+(?<target>[\w.-]+:\d+)")]
    private static partial Regex NginxUpstream();

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)(?::?[-?+][^}]*)?\}")]
    private static partial Regex ComposeVariable();

    [GeneratedRegex(@"\bOTEL_[A-Z_]+\b")]
    private static partial Regex OtelVariable();

    [GeneratedRegex(@"/health/\w+")]
    private static partial Regex ProbePath();
}
