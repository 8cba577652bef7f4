using System.CommandLine;
using Medisettle.LoadTest.Bench;

var seconds = new Option<double>("--seconds") { Description = "Duration of each measurement", DefaultValueFactory = _ => 4 };
var concurrency = new Option<int>("--concurrency") { Description = "Concurrent callers (one grain each)", DefaultValueFactory = _ => 256 };
var skipPostgres = new Option<bool>("--skip-postgres") { Description = "Do not start PostgreSQL" };
var runtime = new Command("runtime", "Runtime benchmark: grain calls/s and durable writes/s, group commit vs one transaction per write");
runtime.Options.Add(seconds);
runtime.Options.Add(concurrency);
runtime.Options.Add(skipPostgres);
runtime.SetAction((result, cancellationToken) => RuntimeBenchmark.RunAsync(
    TimeSpan.FromSeconds(result.GetValue(seconds)), result.GetValue(concurrency), result.GetValue(skipPostgres), cancellationToken));

var root = new RootCommand("Medisettle load test and benchmarks") { runtime };
return await root.Parse(args).InvokeAsync();
