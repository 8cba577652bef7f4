Console.WriteLine("Medisettle load test: not yet implemented (see README).");
