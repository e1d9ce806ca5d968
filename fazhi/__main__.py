from fazhi.cli import main

main()
