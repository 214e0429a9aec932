using Sluice.Cli;

return await SluiceCli.RunAsync(args, CliHost.FromConsole());
