from lint.replay import main

main()
