import ArgumentParser

UsageErrors.main()
