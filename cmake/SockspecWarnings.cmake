# sockspec_target_options(<target>): warnings (as errors) and, with SOCKSPEC_SANITIZE, ASan+UBSan,
# on our own targets only. Never global flags.
function(sockspec_target_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
  if(SOCKSPEC_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
