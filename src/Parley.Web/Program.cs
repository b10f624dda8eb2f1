using Parley.Web.Hosting;

// `dotnet Parley.Web.dll [--Parley:Port=…]`: the same server `parley serve` starts.
return await ParleyServer.RunAsync(args, settings: null, Console.Out, Console.Error);
