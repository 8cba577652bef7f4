using Medisettle.LoadTest.Cli;

return await LoadTestCommands.Create().Parse(args).InvokeAsync();
