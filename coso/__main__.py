from coso.cli import main

main()
