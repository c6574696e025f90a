from runrehab.cli.app import main

main()
