Console.WriteLine("Medisettle silo: not yet implemented (see README).");
